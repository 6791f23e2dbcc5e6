import { loadDataset } from '../../state/dataActions';

/** The original MNIST-format files: one of images (idx3) and one of labels (idx1), gzipped or not. */
export function IdxUpload({ locked }: { locked: boolean }) {
  return (
    <label className="field">
      <span>IDX files: choose the images (…-idx3-ubyte) and the labels (…-idx1-ubyte) together, gzipped or not</span>
      <input
        type="file"
        multiple
        disabled={locked}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          if (files.length > 0) void loadDataset({ kind: 'idx', name: files.map((f) => f.name).join(' + ') }, { files });
        }}
      />
    </label>
  );
}
