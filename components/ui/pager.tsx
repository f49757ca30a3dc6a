import Link from 'next/link';

/** Previous / next links for a paged list whose page lives in the URL. */
export function Pager({
  page,
  pages,
  hrefFor,
  labels,
}: {
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
  labels: { nav: string; previous: string; next: string; position: string };
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={labels.nav}>
      {page > 1 ? <Link href={hrefFor(page - 1)}>{labels.previous}</Link> : null}
      <span>{labels.position}</span>
      {page < pages ? <Link href={hrefFor(page + 1)}>{labels.next}</Link> : null}
    </nav>
  );
}
