// Typed errors. Every failure a user can cause (bad file, bad signal, bad model)
// surfaces as one of these, with a message that names the thing that is wrong.

export class OpenEcgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpenEcgError';
    // Keeps instanceof working when compiled to ES5 (Error subclassing).
    const proto = new.target.prototype;
    if ((Object as any).setPrototypeOf) (Object as any).setPrototypeOf(this, proto);
    else (this as any).__proto__ = proto;
  }
}

/** A `.tflite` file that cannot be read or run (truncated, hostile, unsupported op or type). */
export class ModelError extends OpenEcgError {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}

/** A data file (WFDB, CSV, .npy, annotations) that is malformed or inconsistent. */
export class FormatError extends OpenEcgError {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'FormatError';
    this.file = file;
  }
}

/** A signal or argument the pipeline cannot work with (NaNs, wrong fs, too short). */
export class SignalError extends OpenEcgError {
  constructor(message: string) {
    super(message);
    this.name = 'SignalError';
  }
}
