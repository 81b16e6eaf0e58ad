// The sample's inventory contract: the one source of its Java (generated at build time by
// clamator-codegen-maven-plugin from contracts.json, which is committed) and of its Python and
// TypeScript siblings. After a change: npm install here and ./mvnw install -DskipTests once, then
// ./mvnw -pl sample-app clamator-codegen:lower, and commit contracts.json.
import { z } from 'zod';
import { defineContract, defineMethod, defineNotification } from '@clamator/protocol';

export const inventoryContract = defineContract('inventory', {
  stockLevel: defineMethod({
    params: z.object({ sku: z.string().min(1) }).describe('How many of an item are available.'),
    result: z.object({ sku: z.string(), available: z.number().int(), reserved: z.number().int() }),
  }),
  reserve: defineMethod({
    params: z.object({ sku: z.string().min(1), quantity: z.number().int().positive(), orderId: z.string().min(1) })
      .describe('Reserves items for an order; fails with -32010 (insufficient stock) when there are not enough.'),
    result: z.object({ reservationId: z.string(), sku: z.string(), quantity: z.number().int(), remaining: z.number().int() }),
  }),
  restocked: defineNotification({
    params: z.object({ sku: z.string().min(1), quantity: z.number().int().positive() })
      .describe('A delivery arrived; nobody waits for an answer.'),
  }),
});
