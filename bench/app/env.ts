/**
 * Imported before bench/common/server.ts (which reads BENCH_DATABASE_URL when it loads): this bench adds INNs to
 * its clients, so by default it works on a database of its own rather than the other benches' `mak_bench`.
 */
process.env.BENCH_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/mak_bench_app';
