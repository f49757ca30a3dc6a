import Link from 'next/link';
import { MessageBox } from '@/components/ui/message-box';
import { getI18n } from '@/server/i18n';

/** A missing agent and another supervisor's agent look the same: no probing for which agents exist. */
export default async function AgentNotFound() {
  const { messages } = await getI18n();
  return (
    <MessageBox title={messages.errors.notFound}>
      <p>
        <Link href="/agents">{messages.agents.back}</Link>
      </p>
    </MessageBox>
  );
}
