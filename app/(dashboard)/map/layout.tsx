import { requirePagePermission } from '@/server/auth/session';

/** The refusal comes before map/loading.tsx streams: a role without aggregates (an agent) gets a real 403. */
export default async function MapLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission('view:aggregates');
  return children;
}
