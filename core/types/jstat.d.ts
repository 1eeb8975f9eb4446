/** The part of jStat (https://github.com/jstat/jstat, no bundled types) that bench uses. */
declare module 'jstat' {
  interface StudentT {
    /** P(T <= x) for Student's t with `dof` degrees of freedom (dof may be fractional). */
    cdf(x: number, dof: number): number;
    /** The quantile: x with P(T <= x) = p. */
    inv(p: number, dof: number): number;
  }
  export const jStat: { studentt: StudentT };
}
