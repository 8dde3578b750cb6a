// A tiny shopping cart: the sample project `npm run demo` refactors.
export function subtotal(items) {
  return items.reduce((sum, item) => sum + item.price * item.quantity, 0);
}

export function applyDiscount(amount, percent) {
  return amount - (amount * percent) / 100;
}

export function total(items, { discount = 0, taxRate = 0 } = {}) {
  const discounted = applyDiscount(subtotal(items), discount);
  return Math.round(discounted * (1 + taxRate) * 100) / 100;
}
