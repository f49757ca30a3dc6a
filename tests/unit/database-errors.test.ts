import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { describeError, isDatabaseUnavailable } from '@/db/errors';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('database errors', () => {
  it('sees a refused connection inside the query error drizzle wraps it in', () => {
    const wrapped = new DrizzleQueryError('select 1 from user_sessions where id = $1', ['the-session-key'], refused());
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused()]))).toBe(true);
    expect(isDatabaseUnavailable(new DrizzleQueryError('select 1/0', [], Object.assign(new Error('division by zero'), { code: '22012' })))).toBe(false);
  });

  it('describes a failed query for a log without its parameters', () => {
    const wrapped = new DrizzleQueryError('select * from audit_log where actor_email = $1', ['someone@x.test'], refused());
    const text = describeError(wrapped);
    expect(text).toContain('failed query: select * from audit_log where actor_email = $1');
    expect(text).toContain('ECONNREFUSED');
    expect(text).not.toContain('someone@x.test');
    expect(text).not.toContain('params');
  });
});
