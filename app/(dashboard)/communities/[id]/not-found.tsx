import Link from 'next/link';
import { MessageBox } from '@/components/ui/message-box';
import { getI18n } from '@/server/i18n';

export default async function CommunityNotFound() {
  const { messages } = await getI18n();
  return (
    <MessageBox title={messages.errors.notFound}>
      <p>{messages.communities.notFound}</p>
      <Link href="/communities">{messages.nav.communities}</Link>
    </MessageBox>
  );
}
