import { router } from "../../api/trpc";
import { paymentMethodsRouter } from "./methods-router";

export const paymentsRouter = router({
  methods: paymentMethodsRouter,
});
