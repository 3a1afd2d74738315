// tapable's registration half (Hook.js: tap, stage/before ordering, intercept, withOptions)
// and its HookMap do no code generation; only HookCodeFactory.js does. We import those two
// files directly so that a bundle never contains the code generator. tapable is pinned
// (2.3.4) because these paths are internal.

declare module 'tapable/lib/Hook.js' {
  /** tapable's base hook; its `compile` is abstract and we supply it. */
  const Hook: new (args?: readonly string[], name?: string) => any;
  export default Hook;
}

declare module 'tapable/lib/HookMap.js' {
  const HookMap: typeof import('tapable').HookMap;
  export default HookMap;
}
