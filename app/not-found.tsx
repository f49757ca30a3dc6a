import Link from 'next/link';
import { getI18n } from '@/server/i18n';

export default async function NotFound() {
  const { messages } = await getI18n();
  return (
    <main className="auth-page">
      <div className="message-box">
        <h1>{messages.errors.notFound}</h1>
        <Link href="/">{messages.errors.backHome}</Link>
      </div>
    </main>
  );
}
