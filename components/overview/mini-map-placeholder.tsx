import styles from '@/components/map/map.module.css';

/** The small map's room on the overview while its script or data loads (no jump when it appears). */
export function MiniMapPlaceholder() {
  return <div className={styles.mini} style={{ minHeight: '24rem' }} aria-busy="true" />;
}
