// A contract of our own that uses every Zod construct clamator-codegen maps to Java.
import { z } from 'zod';
import { defineContract, defineMethod, defineNotification } from '@clamator/protocol';

const Address = z.object({
  street: z.string().min(1).describe('Street and number'),
  postcode: z.string().regex(/^[0-9]{5}$/),
  country: z.string().length(2).describe('ISO 3166-1 alpha-2 code'),
});

const LineItem = z.object({
  sku: z.string().min(1).max(32),
  quantity: z.number().int().positive(),
  unitPrice: z.number().nonnegative(),
  tags: z.array(z.string().min(1)).max(10).optional(),
});

const Payment = z.discriminatedUnion('method', [
  z.object({ method: z.literal('card'), last4: z.string().length(4), expiresOn: z.string().date() }),
  z.object({ method: z.literal('invoice'), dueDays: z.number().int().min(0).max(90) }),
]);

export const shopContract = defineContract('shop', {
  placeOrder: defineMethod({
    params: z.object({
      orderId: z.string().uuid(),
      customerEmail: z.string().email(),
      items: z.array(LineItem).min(1),
      shipTo: Address,
      billTo: Address.optional(),
      payment: Payment,
      priority: z.enum(['standard', 'express', 'same-day']),
      giftNote: z.string().max(200).nullable(),
      coupon: z.string().nullish(),
      attributes: z.record(z.string(), z.string()).optional(),
      placedAt: z.string().datetime(),
      website: z.string().url().optional(),
      extra: z.unknown(),
    }).describe('Places an order; answers with its number and what it costs.'),
    result: z.object({
      orderNumber: z.number().int(),
      total: z.number(),
      status: z.union([z.literal('accepted'), z.literal('on-hold')]),
      estimatedDelivery: z.string().date().optional(),
      warnings: z.array(z.object({ code: z.string(), message: z.string() })),
    }),
  }),
  stock: defineMethod({
    params: z.object({}),
    result: z.object({
      levels: z.record(z.string(), z.number().int().nonnegative()).describe('Items available, by SKU'),
      updatedAt: z.string().datetime().nullable(),
    }),
  }),
  orderShipped: defineNotification({
    params: z.object({ orderId: z.string().uuid(), carrier: z.enum(['dhl', 'ups']), trackingCode: z.string().optional() }),
  }),
});
