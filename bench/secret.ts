/** Bench-wide Direct Line secret (the bench servers run with it; clients trade it for tokens). */
export const BENCH_SECRET = 'bench-secret-0123456789abcdefghij';
