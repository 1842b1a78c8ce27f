/** A JSON error answer: `{ error: { code, message } }` plus any extra fields. */
export function apiError(
  status: number,
  code: string,
  message: string,
  init: { headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
) {
  return Response.json({ error: { code, message }, ...init.extra }, { status, headers: init.headers });
}
