// The one wrapper of the dashboard's pages: what a page's data path refuses (a bad parameter, a region
// outside the caller's, ...) is shown with the message the API gives for it, instead of each page
// catching AppError itself. Anything else reaches the segment's error.tsx; notFound() and redirect()
// pass through.
import 'server-only';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { MessageBox } from '@/components/ui/message-box';
import { AppError } from '@/domain/errors';
import { getI18n } from '@/server/i18n';

type SearchParams = Record<string, string | string[] | undefined>;

export function dashboardPage<P extends Record<string, string> = Record<string, never>>(
  render: (props: { params: P; searchParams: SearchParams }) => Promise<ReactNode>,
  options: { resetHref?: string } = {},
) {
  return async function DashboardPage(props: { params: Promise<P>; searchParams: Promise<SearchParams> }) {
    try {
      return await render({ params: await props.params, searchParams: await props.searchParams });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const { locale, messages } = await getI18n();
      return (
        <MessageBox title={messages.errors.title}>
          <p data-testid="refusal" data-code={error.code}>
            {error.localizedMessage(locale)}
          </p>
          {options.resetHref ? <Link href={options.resetHref}>{messages.errors.resetFilters}</Link> : null}
        </MessageBox>
      );
    }
  };
}
