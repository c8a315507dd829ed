/** Errors that carry an HTTP status and a code; the app's onError turns them into `{ error: { code, message } }`. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, 'BadArgument', message);
export const unauthorized = (message: string) => new HttpError(401, 'Unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'Forbidden', message);
export const notFound = (message: string) => new HttpError(404, 'NotFound', message);
