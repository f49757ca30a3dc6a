import Link from 'next/link';
import { MessageBox } from '@/components/ui/message-box';
import { getI18n } from '@/server/i18n';

export default async function VillageNotFound() {
  const { messages } = await getI18n();
  return (
    <MessageBox title={messages.errors.notFound}>
      <p>{messages.villages.notFound}</p>
      <Link href="/villages">{messages.nav.villages}</Link>
    </MessageBox>
  );
}
