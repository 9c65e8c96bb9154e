/** The review screen's page operations, by the name their buttons' test ids carry. */
export const PAGE_OP = {
  moveFirst: 'move-first',
  moveLeft: 'move-left',
  moveRight: 'move-right',
  moveLast: 'move-last',
  rotateLeft: 'rotate-left',
  rotateRight: 'rotate-right',
  delete: 'delete',
  rescan: 'rescan',
  insertBefore: 'insert-before',
  insertAfter: 'insert-after',
  view: 'view',
  undo: 'undo',
} as const;
