'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';

export interface NavItem {
  href: string;
  label: string;
}

/** The areas the caller's role can use; the period travels along so a link keeps its month. */
export function MainNav({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  const period = useSearchParams().get('period');
  // The most specific area holding the page is the current one (/admin/master is not /admin).
  const current = items
    .filter((item) => (item.href === '/' ? pathname === '/' : pathname === item.href || pathname.startsWith(`${item.href}/`)))
    .reduce<string | null>((best, item) => (best === null || item.href.length > best.length ? item.href : best), null);
  return (
    <nav className="main-nav" aria-label={label}>
      <ul>
        {items.map((item) => {
          const active = item.href === current;
          const href = period ? `${item.href}?period=${period}` : item.href;
          return (
            <li key={item.href}>
              <Link href={href} aria-current={active ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
