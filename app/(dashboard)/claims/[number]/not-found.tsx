import Link from 'next/link';
import { MessageBox } from '@/components/ui/message-box';
import { getI18n } from '@/server/i18n';

export default async function ClaimNotFound() {
  const { messages } = await getI18n();
  return (
    <MessageBox title={messages.errors.notFound}>
      <p>{messages.errors.claimNotFound}</p>
      <Link href="/claims">{messages.claims.back}</Link>
    </MessageBox>
  );
}
