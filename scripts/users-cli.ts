// `npm run user:create -- --role admin --email a@b.go.id [--name "..."] [--region 33.02.14]`
// Creates a user on the configured database. The password is read from the terminal (hidden), or from
// standard input when piped: never from an argument, which would stay in the shell history.
import readline from 'node:readline';
import { Writable } from 'node:stream';
import bcrypt from 'bcryptjs';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db';
import { prepareDatabase } from '@/db/prepare';
import { auditLog, users } from '@/db/schema';
import { getMessages } from '@/i18n';
import { createUserSchema } from '@/domain/users';
import { checkNewPassword } from '@/server/auth/password-policy';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      rl.question(question, (answer) => resolve(answer));
      muted = true;
    });
  const first = await ask('Password (at least 10 characters): ');
  muted = false;
  process.stdout.write('\n');
  const second = await ask('Repeat the password: ');
  process.stdout.write('\n');
  rl.close();
  if (first !== second) throw new Error('The two passwords differ; nothing was created.');
  return first;
}

async function main() {
  const email = argument('email');
  const role = argument('role');
  if (!email || !role) {
    throw new Error('Usage: npm run user:create -- --role admin|bpjs_officer|district_official|supervisor --email EMAIL [--name NAME] [--region CODE]');
  }
  const password = await readPassword();
  const parsed = createUserSchema.safeParse({
    email,
    role,
    name: argument('name') ?? email.split('@')[0],
    regionCode: argument('region') ?? '',
    password,
  });
  if (!parsed.success) {
    const text = getMessages('en').admin as Record<string, string>;
    throw new Error(parsed.error.issues.map((issue) => `--${String(issue.path[0])}: ${text[issue.message] ?? issue.message}`).join('\n'));
  }
  const input = parsed.data;
  const problem = checkNewPassword(input.password, input);
  if (problem) throw new Error(`password: ${(getMessages('en').admin as Record<string, string>)[problem]}`);
  const handle = await openDatabase();
  try {
    // The regions a --region names are reference data: a user made before the first start needs them too.
    await prepareDatabase(handle, { demo: false });
    const passwordHash = await bcrypt.hash(input.password, 10);
    await handle.db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
      if (existing) throw new Error(`A user with the email ${input.email} already exists.`);
      const [created] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, role: input.role, regionCode: input.regionCode, passwordHash })
        .returning({ id: users.id });
      await tx.insert(auditLog).values({
        actorEmail: 'cli',
        action: 'user_create',
        entity: 'user',
        entityId: String(created?.id),
        details: { email: input.email, role: input.role, regionCode: input.regionCode, via: 'user:create' },
      });
    });
    console.log(`Created ${input.role} ${input.email} (${handle.engine}: ${handle.location}).`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
