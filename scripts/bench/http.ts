// HTTP as a signed-in user: next-auth's credentials flow, a cookie jar, timed requests.

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The cookies of one browser-like client. */
export class Session {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly email: string,
    readonly role: string,
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get cookieList(): Array<{ name: string; value: string }> {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }

  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  hasSessionCookie(): boolean {
    return [...this.cookies.keys()].some((name) => name.endsWith('next-auth.session-token') || name.includes('next-auth.session-token.'));
  }

  async fetch(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader);
    const response = await fetch(`${this.baseUrl}${pathAndQuery}`, { ...init, headers, redirect: 'manual' });
    this.absorb(response);
    return response;
  }

  /** A GET whose answer must be 2xx; the body parsed as JSON. */
  async getJson<T>(pathAndQuery: string): Promise<T> {
    const response = await this.fetch(pathAndQuery);
    const text = await response.text();
    if (!response.ok) throw new HttpError(`GET ${pathAndQuery} as ${this.email}: HTTP ${response.status} ${text.slice(0, 200)}`, response.status);
    return JSON.parse(text) as T;
  }
}

/** Signs in through next-auth's credentials flow (csrf token, then the callback), as a browser would. */
export async function signIn(baseUrl: string, user: { email: string; password: string; role: string }): Promise<Session> {
  const session = new Session(baseUrl, user.email, user.role);
  const { csrfToken } = await session.getJson<{ csrfToken: string }>('/api/auth/csrf');
  const body = new URLSearchParams({ email: user.email, password: user.password, csrfToken, callbackUrl: `${baseUrl}/`, json: 'true' });
  const response = await session.fetch('/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  await response.arrayBuffer();
  if (!session.hasSessionCookie()) {
    throw new HttpError(`sign-in as ${user.email} failed (HTTP ${response.status}, no session cookie)`, response.status);
  }
  return session;
}

export interface TimedResponse {
  status: number;
  ms: number;
  bytes: number;
  body: string;
  location: string | null;
}

/** One GET, timed from the request until the last byte of the body (a streamed page included). */
export async function timedGet(session: Session, pathAndQuery: string): Promise<TimedResponse> {
  const started = performance.now();
  const response = await fetch(`${session.baseUrl}${pathAndQuery}`, {
    headers: { cookie: session.cookieHeader, 'accept-encoding': 'identity' },
    redirect: 'manual',
  });
  const body = await response.text();
  const ms = performance.now() - started;
  return { status: response.status, ms, bytes: Buffer.byteLength(body), body, location: response.headers.get('location') };
}
