// Must not compile: a class without a virtual function carries no dynamic type for TK_ASSERT_IS_INSTANCE to check.
#include <testkit/testkit.hpp>

struct Plain {};
struct Derived : Plain {};

void is_instance_not_polymorphic(const Plain& plain) { TK_ASSERT_IS_INSTANCE(Derived, plain); }
