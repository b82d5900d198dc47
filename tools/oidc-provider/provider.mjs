// A real OpenID provider (node-oidc-provider) for the server's tests of the staff login with
// OpenID Connect. Started by the tests on 127.0.0.1 with PORT and REDIRECT_URI; prints "ready".
//
// Instead of a login page, GET /interaction/<uid>/as/<account> logs in as one of ACCOUNTS and
// grants the requested scopes, so a test can pick who logs in.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;

const ACCOUNTS = {
  hanna: { sub: 'hanna-oidc', name: 'Hanna OIDC', groups: ['gata-park', 'not a group!'] },
  ada: { sub: 'ada-oidc', name: 'Ada OIDC', groups: ['mina-sidor-admin'] },
  nils: { sub: 'nils-oidc', name: 'Nils Utan Grupp', groups: [] },
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'mina-sidor',
      client_secret: 'test-secret-that-is-long-enough',
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], profile: ['name'], groups: ['groups'] },
  scopes: ['openid', 'profile', 'groups'],
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['only-for-tests'] },
  findAccount: async (ctx, id) =>
    ACCOUNTS[id] && { accountId: id, claims: async () => ({ ...ACCOUNTS[id], sub: id }) },
});

provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)\/as\/([a-z]+)$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const accountId = match[2];
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  grant.addOIDCClaims(['name', 'groups']);
  const grantId = await grant.save();
  await provider.interactionFinished(
    ctx.req,
    ctx.res,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
});

provider.listen(port, '127.0.0.1', () => console.log('ready'));
