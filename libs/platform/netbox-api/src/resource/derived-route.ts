/** A route the kit adds to a resource's controller: its handler, route decorator and parameters. */
export interface DerivedRoute {
  handler: (...args: never[]) => unknown;
  route: () => MethodDecorator;
  /** One parameter decorator per argument of the handler. */
  params: () => ParameterDecorator[];
  /** On the detail route (`:id`): placed before the controller's own detail routes, else before all. */
  detail: boolean;
}
