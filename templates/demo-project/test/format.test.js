import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPrice } from '../src/format.js';

test('formatPrice shows two decimals and the currency', () => {
  assert.equal(formatPrice(3.5), '3.50 EUR');
});
