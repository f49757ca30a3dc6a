import Link from 'next/link';
import { RecordClaimForm } from '@/components/claims/claim-forms';
import { requirePagePermission } from '@/server/auth/session';
import { getI18n } from '@/server/i18n';
import { todayInJakarta } from '@/domain/month';
import { recordClaimAction } from '../actions';
import { pageTitle } from '@/server/page-title';

export const generateMetadata = pageTitle('newClaim');

export default async function NewClaimPage() {
  await requirePagePermission('manage:claims');
  const { messages } = await getI18n();
  const t = messages.claims;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.newTitle}</h1>
        </div>
        <Link href="/claims">{t.back}</Link>
      </div>
      <RecordClaimForm action={recordClaimAction} today={todayInJakarta()} />
    </>
  );
}
