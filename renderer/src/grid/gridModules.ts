import type { Module } from 'ag-grid-community';
import {
  CellApiModule,
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  CustomEditorModule,
  DragAndDropModule,
  EventApiModule,
  ExternalFilterModule,
  LargeTextEditorModule,
  LocaleModule,
  NumberFilterModule,
  PinnedRowModule,
  RenderApiModule,
  RowApiModule,
  RowAutoHeightModule,
  RowDragModule,
  RowStyleModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
  TooltipModule,
} from 'ag-grid-community';

/**
 * The AG Grid features the sheet grid uses, and no others: AllCommunityModule would add
 * pagination, CSV export, date and checkbox editors, quick filter, grid state and more that the
 * grid never shows, and every one of them is code the window parses before the first row can
 * appear. A feature used without its module is reported by AG Grid on the console (the
 * end-to-end tests fail on console errors), so a missing entry does not go unnoticed.
 */
export const GRID_MODULES: Module[] = [
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  TextEditorModule,
  SelectEditorModule,
  LargeTextEditorModule,
  CustomEditorModule,
  TextFilterModule,
  NumberFilterModule,
  // 督查's filter by status (panels/supervision/useStatusColumn).
  ExternalFilterModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
  CellApiModule,
  EventApiModule,
  ColumnAutoSizeModule,
  RowDragModule,
  DragAndDropModule,
  PinnedRowModule,
  CellStyleModule,
  RowStyleModule,
  TooltipModule,
  LocaleModule,
  RowAutoHeightModule,
];
