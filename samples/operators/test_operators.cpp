// The course's first unittest example, in testkit:
//   class TestOperators(unittest.TestCase):
//       def test_add(self): self.assertEqual(add(3, 4), 7)
//       def test_add_op(self): self.assertEqual(operator.add(3, 4), 7)
#include <functional>

#include <testkit/testkit.hpp>

#include "operators.hpp"

class TestOperators : public testkit::TestCase {};

TK_TEST_F(TestOperators, test_add) { TK_ASSERT_EQ(add(3, 4), 7); }

TK_TEST_F(TestOperators, test_add_op) { TK_ASSERT_EQ(std::plus<>{}(3, 4), 7); }
