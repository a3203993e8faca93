using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DisposalBothParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "HandedOverOn",
                table: "MigrationPlanItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HandedOverTo",
                table: "MigrationPlanItems",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HandoverContent",
                table: "MigrationPlanItems",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WipeMethod",
                table: "MigrationPlanItems",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DisposalHandedOverOn",
                table: "ChangeRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisposalHandedOverTo",
                table: "ChangeRequests",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisposalHandoverContent",
                table: "ChangeRequests",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisposalWipeMethod",
                table: "ChangeRequests",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HandedOverOn",
                table: "MigrationPlanItems");

            migrationBuilder.DropColumn(
                name: "HandedOverTo",
                table: "MigrationPlanItems");

            migrationBuilder.DropColumn(
                name: "HandoverContent",
                table: "MigrationPlanItems");

            migrationBuilder.DropColumn(
                name: "WipeMethod",
                table: "MigrationPlanItems");

            migrationBuilder.DropColumn(
                name: "DisposalHandedOverOn",
                table: "ChangeRequests");

            migrationBuilder.DropColumn(
                name: "DisposalHandedOverTo",
                table: "ChangeRequests");

            migrationBuilder.DropColumn(
                name: "DisposalHandoverContent",
                table: "ChangeRequests");

            migrationBuilder.DropColumn(
                name: "DisposalWipeMethod",
                table: "ChangeRequests");
        }
    }
}
