package contract

// The contract types, in the order the format lists them (messages list them in
// this order). A new type is one line here and its own file.
func init() {
	Register(revenueShare{})
	Register(commitment{})
	Register(payment{})
	Register(equity{})
	Register(capacity{})
}
