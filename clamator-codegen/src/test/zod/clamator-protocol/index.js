// The shapes of @clamator/protocol's contract helpers: defineMethod returns its argument,
// defineNotification adds notification: true, defineContract checks the names and returns
// { service, methods }.
const SERVICE = /^[a-z][a-z0-9-]*$/;
const METHOD = /^[a-z][a-zA-Z0-9]*$/;

export function defineMethod(def) {
  return def;
}

export function defineNotification(def) {
  return { ...def, notification: true };
}

export function defineContract(service, methods) {
  if (!SERVICE.test(service)) {
    throw new Error(`invalid service name "${service}" (must match ${SERVICE.source})`);
  }
  for (const [name, def] of Object.entries(methods)) {
    if (!METHOD.test(name)) {
      throw new Error(`invalid method name "${name}" (must match ${METHOD.source})`);
    }
    if (def.notification === true ? 'result' in def : !('result' in def) || def.result === undefined) {
      throw new Error(def.notification === true ? `notification "${name}" must not include result` : `method "${name}" must include result schema`);
    }
  }
  return { service, methods };
}
