/**
 * An expected failure whose message is written for the person who caused it (an admin, the
 * operator at the CLI): show it as it is. Anything else is logged and shown generically.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}
