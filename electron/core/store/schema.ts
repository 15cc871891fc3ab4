/**
 * The plan file's schema and its migrations.
 *
 * A plan is one SQLite file marked with PRAGMA application_id, so a file that is not a plan is
 * recognised before anything is written to it; PRAGMA user_version is the schema version. Each
 * migration moves a plan up one version inside one transaction, so a plan written by any older
 * version opens in this one, and a plan from a newer version is refused untouched.
 */

/** "PlnB": marks a SQLite file as a Planbench plan. */
export const PLAN_APPLICATION_ID = 0x506c6e42;

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'plan content: metadata, sheets, typed columns, rows, cells, departments',
    sql: `
      CREATE TABLE plan_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL            -- JSON
      ) STRICT;

      CREATE TABLE sheets (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        kind        TEXT NOT NULL,
        position    INTEGER NOT NULL,
        description TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE columns (
        id       INTEGER PRIMARY KEY,
        sheet_id INTEGER NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
        key      TEXT NOT NULL,
        name     TEXT NOT NULL,
        type     TEXT NOT NULL,
        role     TEXT,
        position INTEGER NOT NULL,
        width    INTEGER,
        hidden   INTEGER NOT NULL DEFAULT 0,
        settings TEXT NOT NULL DEFAULT '{}',   -- JSON
        UNIQUE (sheet_id, key)
      ) STRICT;

      CREATE TABLE rows (
        id        INTEGER PRIMARY KEY,
        sheet_id  INTEGER NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
        position  REAL NOT NULL,
        parent_id INTEGER REFERENCES rows(id) ON DELETE CASCADE
      ) STRICT;
      CREATE INDEX rows_by_sheet ON rows (sheet_id, position, id);
      CREATE INDEX rows_by_parent ON rows (parent_id);

      -- num: money as INTEGER 分 (exact), numbers as REAL, NULL when unknown or not numeric.
      CREATE TABLE cells (
        row_id    INTEGER NOT NULL REFERENCES rows(id) ON DELETE CASCADE,
        column_id INTEGER NOT NULL REFERENCES columns(id) ON DELETE CASCADE,
        text      TEXT NOT NULL,
        num       ANY,
        PRIMARY KEY (row_id, column_id)
      ) STRICT, WITHOUT ROWID;
      -- Column totals read only this index; deleting a column finds its cells through it.
      CREATE INDEX cells_by_column ON cells (column_id, num);

      CREATE TABLE departments (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        short_name TEXT NOT NULL DEFAULT '',
        kind       TEXT NOT NULL DEFAULT '',
        notes      TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE department_aliases (
        alias         TEXT PRIMARY KEY,
        department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE
      ) STRICT;

      -- Which units a department cell refers to, in order (the first of a list is the lead),
      -- so "all rows of 市住建局" is an indexed query rather than a text search.
      CREATE TABLE cell_departments (
        row_id        INTEGER NOT NULL,
        column_id     INTEGER NOT NULL,
        ordinal       INTEGER NOT NULL,
        department_id INTEGER NOT NULL REFERENCES departments(id),
        PRIMARY KEY (row_id, column_id, ordinal),
        FOREIGN KEY (row_id, column_id) REFERENCES cells(row_id, column_id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX cell_departments_by_department ON cell_departments (department_id);
    `,
  },
  {
    version: 2,
    description: 'change log (actions and their changes) and declared checks',
    sql: `
      -- Every change is part of an action; the log is the audit trail and the undo history,
      -- so it refers to rows and columns by id without foreign keys: it outlives them.
      CREATE TABLE actions (
        id     INTEGER PRIMARY KEY,
        at     TEXT NOT NULL,             -- ISO 8601, UTC
        source TEXT NOT NULL,             -- user | paste | import | merge | system
        detail TEXT NOT NULL DEFAULT '',  -- e.g. the imported file's name
        label  TEXT NOT NULL DEFAULT '',
        state  TEXT NOT NULL DEFAULT 'done'
      ) STRICT;

      CREATE TABLE changes (
        id         INTEGER PRIMARY KEY,
        action_id  INTEGER NOT NULL REFERENCES actions(id),
        sheet_id   INTEGER,
        row_id     INTEGER,
        column_id  INTEGER,
        column_key TEXT,
        kind       TEXT NOT NULL,         -- cell | rowInsert | rowDelete | ...
        before     TEXT,                  -- JSON
        after      TEXT                   -- JSON
      ) STRICT;
      CREATE INDEX changes_by_action ON changes (action_id);

      CREATE TABLE declared_checks (
        id       INTEGER PRIMARY KEY,
        sheet_id INTEGER REFERENCES sheets(id) ON DELETE CASCADE,
        kind     TEXT NOT NULL,
        label    TEXT NOT NULL,
        spec     TEXT NOT NULL,           -- JSON
        source   TEXT NOT NULL DEFAULT ''
      ) STRICT;
    `,
  },
  {
    version: 3,
    description: 'saved choices: import mappings per layout, print and grid settings per sheet',
    sql: `
      -- Settings a user makes once and expects to find again, kept with the plan so they travel
      -- with the file: scope says whose they are ('sheet:12', 'import-layout:<hash>', 'plan').
      CREATE TABLE settings (
        scope TEXT NOT NULL,
        key   TEXT NOT NULL,
        value TEXT NOT NULL,              -- JSON
        PRIMARY KEY (scope, key)
      ) STRICT;
    `,
  },
  {
    version: 4,
    description: 'cells_by_column ordered by row: bulk inserts append instead of landing at random places',
    sql: `
      -- Totals (SUM/COUNT of num per column) and deleting a column only scan a column's cells;
      -- they never need them in order of num. Keyed (column_id, num), an amount landed at a
      -- random place in the index, which made most of the cost of importing 100,000 rows;
      -- keyed (column_id, row_id), new rows' cells go at the end of each column's run, and num
      -- still comes with every entry, so totals read this index alone as before.
      DROP INDEX cells_by_column;
      CREATE INDEX cells_by_column ON cells (column_id, row_id, num);
    `,
  },
  {
    version: 5,
    description: 'who did each action: the person, and the window or program (undo is yours)',
    sql: `
      -- author: the person as people read it (the OS user); client: the window or program the
      -- action came from, so undo takes back your own last action and not a colleague's.
      -- Actions logged before this version have neither.
      ALTER TABLE actions ADD COLUMN author TEXT NOT NULL DEFAULT '';
      ALTER TABLE actions ADD COLUMN client TEXT NOT NULL DEFAULT '';
      CREATE INDEX actions_by_client ON actions (client, id);
    `,
  },
  {
    version: 6,
    description: 'supervision: reporting rounds and the figures reported for each',
    sql: `
      -- A reporting round (报送轮次) of one sheet: "2025年第3季度", the date its figures are for
      -- (as_of) and the date departments must report by (due); batch_id is its send-out.
      CREATE TABLE rounds (
        id         INTEGER PRIMARY KEY,
        sheet_id   INTEGER NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        as_of      TEXT NOT NULL,
        due        TEXT NOT NULL,
        created_at TEXT NOT NULL,
        batch_id   TEXT,
        UNIQUE (sheet_id, name)
      ) STRICT;

      -- The progress cells of a row as reported for a round, written when a return is collected.
      -- action_id is the merge that brought them (NULL: nothing to merge, or the sample's own):
      -- figures of an undone merge are not read, so a round never shows what the plan took back.
      -- A later report of the same cell for the same round supersedes an earlier one (larger id).
      CREATE TABLE round_figures (
        id         INTEGER PRIMARY KEY,
        round_id   INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        row_id     INTEGER NOT NULL,
        column_key TEXT NOT NULL,
        text       TEXT NOT NULL,
        action_id  INTEGER
      ) STRICT;
      CREATE INDEX round_figures_by_round ON round_figures (round_id, id);
    `,
  },
  {
    version: 7,
    description: 'history of a cell from the change log, indexed; named versions of the plan',
    sql: `
      -- A cell's history (every change of one row and column, and the rows' insertions and
      -- deletions that carried its text) is read through these two indexes, so it answers at
      -- once however long the log. Only changes that name a row are indexed: the rest never are
      -- looked up by place. An import's block of rows is logged once under its first row id.
      CREATE INDEX changes_by_cell ON changes (row_id, column_id) WHERE row_id IS NOT NULL;
      CREATE INDEX changes_row_blocks ON changes (sheet_id, row_id) WHERE kind = 'rowsInsert';

      -- A named version (初稿, 征求意见稿…): the whole plan's content as it was, as compressed
      -- JSON (versionSnapshot.ts), and the last action in force then.
      CREATE TABLE versions (
        id        INTEGER PRIMARY KEY,
        name      TEXT NOT NULL UNIQUE,
        note      TEXT NOT NULL DEFAULT '',
        at        TEXT NOT NULL,          -- ISO 8601, UTC
        action_id INTEGER NOT NULL,       -- the newest action in the log when it was saved
        snapshot  BLOB NOT NULL           -- deflated JSON of PlanSnapshot
      ) STRICT;
    `,
  },
  {
    version: 8,
    description: 'comments (批注) on cells and on whole rows',
    sql: `
      -- A comment on a cell (column_id set) or on a whole row (column_id NULL): its text, who
      -- wrote it as people read it (the OS user, or the department or file it came from) and
      -- when. It goes with its row or column; the change log ('comment' changes) keeps every
      -- comment a row deletion took, so undo brings it back.
      CREATE TABLE comments (
        id        INTEGER PRIMARY KEY,
        sheet_id  INTEGER NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
        row_id    INTEGER NOT NULL REFERENCES rows(id) ON DELETE CASCADE,
        column_id INTEGER REFERENCES columns(id) ON DELETE CASCADE,
        text      TEXT NOT NULL,
        author    TEXT NOT NULL DEFAULT '',
        at        TEXT NOT NULL             -- ISO 8601, UTC
      ) STRICT;
      CREATE UNIQUE INDEX comments_by_place ON comments (row_id, COALESCE(column_id, 0));
      CREATE INDEX comments_by_sheet ON comments (sheet_id);
      CREATE INDEX comments_by_column ON comments (column_id) WHERE column_id IS NOT NULL;
    `,
  },
];

export const CURRENT_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
