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
  return (
    <nav className="main-nav" aria-label={label}>
      <ul>
        {items.map((item) => {
          const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
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
