import 'fastify';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging needs an interface
  interface FastifyRequest {
    /**
     * The authenticated caller, e.g. `user:<id>` or `token:<id>`, set by the authentication hook.
     * Rate limits count per principal when it is set, else per client address.
     */
    principalKey?: string;
  }
}
