// A failed call of the bound service says its kind (backend/fault) with its text:
// {error, kind}. The desktop window rejects with an Error whose message is that
// object's JSON (Wails' error formatter, app/desktop); the browser mode's bridge
// rejects with the object itself, the body of the status `dealmodel serve`
// answers. The UI reads both here, the same way.

/** The kinds of failure, as backend/fault names them. */
export type FailureKind = 'invalid' | 'not_found' | 'conflict' | 'busy' | 'internal';

const kinds: readonly string[] = ['invalid', 'not_found', 'conflict', 'busy', 'internal'];

/** ServiceError is a failed call: the service's text for people and its kind. */
export class ServiceError extends Error {
  readonly kind: FailureKind;
  constructor(message: string, kind: FailureKind) {
    super(message);
    this.name = 'ServiceError';
    this.kind = kind;
  }
}

/**
 * failure reads what a call rejected with: a rejection {error, kind}; text or an
 * Error of the runtime itself (a method it cannot call, a lost server) is internal.
 */
export function failure(raw: unknown): ServiceError {
  if (raw instanceof ServiceError) return raw;
  const text = raw instanceof Error ? raw.message : typeof raw === 'string' ? raw : '';
  if (text.startsWith('{"error":')) {
    try {
      raw = JSON.parse(text);
    } catch {
      // not a rejection after all: plain text
    }
  }
  if (raw !== null && typeof raw === 'object' && typeof (raw as { error?: unknown }).error === 'string') {
    const r = raw as { error: string; kind?: unknown };
    const kind = typeof r.kind === 'string' && kinds.includes(r.kind) ? (r.kind as FailureKind) : 'internal';
    return new ServiceError(r.error, kind);
  }
  if (raw instanceof Error) return new ServiceError(raw.message, 'internal');
  if (typeof raw === 'string') return new ServiceError(raw, 'internal');
  return new ServiceError('Something went wrong.', 'internal');
}

/** kindOf is the kind of a failed call's error. */
export function kindOf(err: unknown): FailureKind {
  return failure(err).kind;
}

/** withKinds wraps each function of a bound service so that its calls reject with a ServiceError. */
export function withKinds<T extends object>(service: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(service)) {
    out[name] =
      typeof fn === 'function'
        ? (...args: unknown[]) =>
            Promise.resolve()
              .then(() => fn(...args))
              .catch((err: unknown) => {
                throw failure(err);
              })
        : fn;
  }
  return out as T;
}
