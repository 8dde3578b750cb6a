import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDiscount, subtotal, total } from '../src/cart.js';

const items = [
  { price: 10, quantity: 2 },
  { price: 5, quantity: 1 },
];

test('subtotal adds price times quantity', () => {
  assert.equal(subtotal(items), 25);
});

test('applyDiscount takes a percentage off', () => {
  assert.equal(applyDiscount(200, 10), 180);
});

test('total applies discount then tax', () => {
  assert.equal(total(items, { discount: 20, taxRate: 0.1 }), 22);
});
