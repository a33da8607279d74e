import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { signInInputSchema } from '@modelgate/domain/auth';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor, Public } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { AuthService } from './auth.service.js';
import { SignInInput } from './dto/sign-in.input.js';
import { SignInPayload, Viewer } from './models/viewer.model.js';
import { SESSION_COOKIE, setSessionCookie } from './session-token.js';
import type { UserIdentity } from './users.repository.js';

/**
 * Take the reply from the whole context, never as `@Context('reply')`: a Fastify reply is thenable
 * (it resolves when the response has been sent), and Nest awaits parameter values, so injecting it
 * alone waits forever.
 */
type ReplyContext = { reply: FastifyReply };

const toViewer = (user: UserIdentity, csrfToken: string): Viewer => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  roles: user.roles,
  reviewCategories: user.reviewCategories,
  teams: user.memberships.map((m) => m.team),
  csrfToken,
});

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Query(() => Viewer, { nullable: true, description: 'The signed-in person, or null.' })
  async viewer(@CurrentActor() actor: Actor): Promise<Viewer | null> {
    const user = await this.auth.viewer(actor);
    return user && actor.csrfToken ? toViewer(user, actor.csrfToken) : null;
  }

  @Public()
  @Mutation(() => SignInPayload, { description: 'Signs in with a local account and sets the session cookie.' })
  async signIn(
    @Args('input', new ZodValidationPipe(signInInputSchema, 'input')) input: SignInInput,
    @CurrentActor() actor: Actor,
    @Context() { reply }: ReplyContext,
  ): Promise<SignInPayload> {
    const signedIn = await this.auth.signIn(input, actor);
    setSessionCookie(reply, signedIn.sessionSecret, signedIn.expiresAt);
    return { viewer: toViewer(signedIn.user, signedIn.csrfToken) };
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Ends the session server-side; false when nobody was signed in.' })
  async signOut(@CurrentActor() actor: Actor, @Context() { reply }: ReplyContext): Promise<boolean> {
    const signedOut = await this.auth.signOut(actor);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return signedOut;
  }
}
