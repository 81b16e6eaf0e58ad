// upstream's codegen fixture ts/packages/codegen/tests/fixtures/contracts/notifications.ts, re-typed
import { z } from 'zod';
import { defineContract, defineNotification } from '@clamator/protocol';

export const notificationsContract = defineContract('notifications', {
  ping: defineNotification({ params: z.object({ tag: z.string().optional() }) }),
});
