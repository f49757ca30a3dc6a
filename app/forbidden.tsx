import Link from 'next/link';
import { getI18n } from '@/server/i18n';

export default async function Forbidden() {
  const { messages } = await getI18n();
  return (
    <div className="message-box" role="alert">
      <h1>403</h1>
      <p>{messages.errors.forbidden}</p>
      <Link href="/">{messages.errors.backHome}</Link>
    </div>
  );
}
