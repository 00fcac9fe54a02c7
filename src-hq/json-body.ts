/**
 * The JSON body parser of every route, and `parseBody`, the zod check of every body. Fastify's own parser decodes the body as UTF-8
 * with replacement, so invalid bytes would be stored as U+FFFD (data altered without a
 * word): the body is read as bytes and refused (400 `invalid_utf8`) unless it is valid
 * UTF-8, then parsed by fastify's parser (which refuses `__proto__` keys).
 */
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { HttpError } from './errors';

export function registerStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(new HttpError(400, 'invalid_utf8', 'The body is not valid UTF-8'), undefined);
      return;
    }
    parseJson(request, bytes.toString('utf8'), done);
  });
}

/** `schema`'s parse of a body (or query), else 400 `validation_failed` naming the first issue. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const res = schema.safeParse(body);
  if (!res.success) {
    const issue = res.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'invalid body';
    throw new HttpError(400, 'validation_failed', where);
  }
  return res.data;
}
