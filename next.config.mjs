/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships its own wasm and reads it relative to its module: it must not be bundled.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
