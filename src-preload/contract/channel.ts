// The two helpers every part of the contract declares its channels with. Kept apart from
// contract.ts so a feature's channels can live in their own file (cluster-channels.ts, …).
import type { z } from 'zod';

/** A phantom marker that carries an output type without a runtime value. */
export const returns = <T>() => undefined as unknown as T;

export const channel = <I extends z.ZodType, O>(input: I, output: O) => ({ input, output });
