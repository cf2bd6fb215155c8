/** Why a source could not be read. Recorded in the run log; never loses stored events. */
export type FailureKind =
  | 'network'
  | 'timeout'
  | 'http'
  | 'too_large'
  | 'unexpected_content'
  | 'parse'
  /** robots.txt disallows the URL, or could not be read, which RFC 9309 says means stay away. */
  | 'robots';

export class SourceFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = 'SourceFailure';
  }
}
