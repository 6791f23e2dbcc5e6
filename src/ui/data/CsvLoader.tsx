import { useState } from 'react';
import type { DatasetRef } from '../../config/datasets';
import { MAX_CSV_BYTES } from '../../data/csv/types';
import { loadDataset } from '../../state/dataActions';

const csvRef = (source: Extract<DatasetRef, { kind: 'csv' }>['source']): DatasetRef => ({
  kind: 'csv',
  source,
  header: null,
  options: null,
});

/** Three ways to bring a CSV: a file (picker or drop), pasted text, or an address. */
export function CsvLoader({ locked }: { locked: boolean }) {
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [dragging, setDragging] = useState(false);
  const loadFile = (file: File | undefined) => {
    if (file) void loadDataset(csvRef({ type: 'file', name: file.name }), { blob: file });
  };
  return (
    <div
      className={`csv-loader${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        if (!locked) loadFile(event.dataTransfer.files[0]);
      }}
    >
      <label className="field">
        <span>CSV file (or drop one here; at most {MAX_CSV_BYTES / 2 ** 20} MiB, UTF-8)</span>
        <input
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
          disabled={locked}
          onChange={(event) => loadFile(event.target.files?.[0])}
        />
      </label>
      <label className="field">
        <span>Paste CSV text</span>
        <textarea
          rows={4}
          value={text}
          disabled={locked}
          onChange={(event) => setText(event.target.value)}
          placeholder={'sepal_length,sepal_width,species\n5.1,3.5,setosa'}
        />
      </label>
      <button type="button" disabled={locked || text.trim() === ''} onClick={() => void loadDataset(csvRef({ type: 'text' }), { text })}>
        Use pasted text
      </button>
      <label className="field">
        <span>CSV address (the server must allow other sites to read it)</span>
        <input type="url" value={url} disabled={locked} placeholder="https://…/data.csv" onChange={(event) => setUrl(event.target.value)} />
      </label>
      <button
        type="button"
        disabled={locked || url.trim() === ''}
        onClick={() => void loadDataset(csvRef({ type: 'url', url: url.trim() }))}
      >
        Load from address
      </button>
    </div>
  );
}
