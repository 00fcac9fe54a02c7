import type { Highs } from 'highs';
import type { MipModel, MipSolveOptions, MipSolveResult, MipSolver } from './mip';

/**
 * The MIP solver: HiGHS (branch-and-cut, compiled to WebAssembly) through the
 * `highs` package. The caller loads the WebAssembly (the worker with the
 * bundled .wasm URL, tests from node_modules) and passes the instance.
 */
export function highsSolver(highs: Highs): MipSolver {
  return {
    solve(model: MipModel, options: MipSolveOptions): MipSolveResult {
      const n = model.requestIds.length;
      const m = model.rowUpper.length;
      if (n === 0) return { status: 'optimal', x: new Float64Array(0), objective: 0, bound: 0 };
      const handle = highs.createModel({
        numCols: n,
        numRows: m,
        sense: highs.constants.objectiveSense.maximize,
        colCost: model.cost,
        colLower: new Float64Array(n),
        colUpper: new Float64Array(n).fill(1),
        rowLower: new Float64Array(m).fill(-highs.infinity),
        rowUpper: model.rowUpper,
        matrix: {
          format: 'csr',
          numRows: m,
          numCols: n,
          starts: model.rowStarts,
          indices: model.rowIndices,
          values: model.rowValues,
        },
        ...(options.relax
          ? {}
          : { integrality: new Int32Array(n).fill(highs.constants.variableType.integer) }),
      });
      try {
        handle.options.set({
          output_flag: false,
          time_limit: options.timeLimitSeconds,
          mip_rel_gap: 1e-6,
        });
        handle.run();
        const status = handle.getModelStatus();
        const codes = highs.constants.modelStatus;
        const solution = handle.getSolution();
        const x =
          solution.colValue && solution.colValue.length === n
            ? Float64Array.from(solution.colValue)
            : null;
        const objective = x ? handle.getObjectiveValue() : 0;
        let bound = objective;
        if (!options.relax) {
          try {
            const b = Number(handle.info.get('mip_dual_bound'));
            if (Number.isFinite(b)) bound = b;
          } catch {
            // No bound reported: the objective stands (only when optimal, see below).
          }
        }
        if (status === codes.optimal) return { status: 'optimal', x, objective, bound };
        if (status === codes.timeLimit || status === codes.interrupted) {
          return { status: 'time-limit', x, objective, bound };
        }
        if (status === codes.infeasible)
          return { status: 'infeasible', x: null, objective: 0, bound: 0 };
        return { status: 'error', x, objective, bound: Infinity };
      } finally {
        handle.dispose();
      }
    },
  };
}
