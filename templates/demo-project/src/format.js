// Money formatting for the sample project.
export function formatPrice(amount, currency = 'EUR') {
  return `${amount.toFixed(2)} ${currency}`;
}
