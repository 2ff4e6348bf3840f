from replyparse.cli import main

raise SystemExit(main())
