// Recharts' own tick function, used by a unit test to check the server sketch's ticks against it. The
// module exists in the package but its types live under recharts/types.
declare module 'recharts/lib/util/scale/getNiceTickValues' {
  export { getNiceTickValues } from 'recharts/types/util/scale/getNiceTickValues';
}
