import '@tanstack/react-query';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** The component shows this mutation's errors itself; the global handler stays quiet. */
      handlesErrors?: boolean;
    };
  }
}
