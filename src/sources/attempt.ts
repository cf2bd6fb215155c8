import { SourceFailure } from '../errors.ts';

/**
 * The value, or the SourceFailure that prevented it: for a request whose failure costs a detail
 * or one event, not the source. Other errors are bugs and propagate.
 */
export async function attempt<T>(read: () => Promise<T>): Promise<T | SourceFailure> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof SourceFailure) return error;
    throw error;
  }
}
